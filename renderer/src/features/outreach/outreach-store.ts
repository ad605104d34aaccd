import { create } from 'zustand';

export interface PickedCustomer {
  customerId: number;
  name: string;
}

/** Customers picked for a bulk send: ticked with x in the worklist, then `e` brings them here. */
export const useOutreachSelection = create<{ customers: PickedCustomer[]; pick(customers: PickedCustomer[]): void }>()((set) => ({
  customers: [],
  pick: (customers) => set({ customers }),
}));
